import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerServiceWorker } from './ui/state/offline';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
void registerServiceWorker();
export default mount(App, { target });
