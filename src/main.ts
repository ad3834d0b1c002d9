import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerServiceWorker } from './ui/state/offline';
import { loadLanguage } from './ui/i18n/index.svelte';
import { parseSettings, SETTINGS_KEY } from './ui/state/settings.svelte';
import { localStore } from './storage/local';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
void registerServiceWorker();
// The remembered language's strings before the first screen (no English flash for a Chinese reader).
await loadLanguage(parseSettings(localStore()?.getItem(SETTINGS_KEY) ?? null).language).catch(() => undefined);
export default mount(App, { target });
