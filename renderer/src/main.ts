import './zod-csp.js';
import { createApp } from 'vue';
import App from './App.vue';
import { chooseClient } from './client/choose-client.js';
import { CLIENT_KEY, CONNECTION_KEY } from './client/inject.js';
import './styles.css';

const { client, connection } = chooseClient();
createApp(App).provide(CLIENT_KEY, client).provide(CONNECTION_KEY, connection).mount('#app');
