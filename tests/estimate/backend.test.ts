import { describe, expect, it } from 'vitest';
import { backendOrder, isSoftwareRenderer, type BackendProbe } from '../../src/estimate/backend';

const browser = (over: Partial<BackendProbe> = {}): BackendProbe => ({
  platform: 'browser', webgpu: false, webgl: { available: true, renderer: 'ANGLE (NVIDIA GeForce RTX 3060)' }, wasm: true, ...over,
});

describe('isSoftwareRenderer', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['Microsoft Basic Render Driver', true],
    ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', false],
    ['Apple M1', false],
  ])('%s → %s', (r, soft) => expect(isSoftwareRenderer(r)).toBe(soft));
  it('unknown renderer is not assumed software', () => expect(isSoftwareRenderer(undefined)).toBe(false));
});

describe('backendOrder', () => {
  it('Node: wasm, then cpu', () => {
    expect(backendOrder('auto', { platform: 'node', webgpu: false, webgl: { available: false }, wasm: true })).toEqual(['wasm', 'cpu']);
  });
  it('hardware WebGL before wasm', () => {
    expect(backendOrder('auto', browser())).toEqual(['webgl', 'wasm', 'cpu']);
  });
  it('WebGPU first when an adapter exists', () => {
    expect(backendOrder('auto', browser({ webgpu: true }))[0]).toBe('webgpu');
  });
  it('SwiftShader WebGL goes after wasm (software GL is ~10× slower)', () => {
    expect(backendOrder('auto', browser({ webgl: { available: true, renderer: 'SwiftShader' } }))).toEqual(['wasm', 'webgl', 'cpu']);
  });
  it('no WebGL, no wasm: cpu only', () => {
    expect(backendOrder('auto', browser({ webgl: { available: false }, wasm: false }))).toEqual(['cpu']);
  });
  it('an explicit choice is tried alone, never silently replaced', () => {
    expect(backendOrder('webgl', browser({ webgl: { available: false } }))).toEqual(['webgl']);
  });
});
