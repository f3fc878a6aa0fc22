import '../shared/tokens.css';
import './wallboard.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../console/i18n';
import { WallboardApp } from './WallboardApp';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <WallboardApp />
    </I18nProvider>
  </StrictMode>,
);
