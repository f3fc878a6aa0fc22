import '../shared/tokens.css';
// The overview's figures (OverviewFigures) keep their base layout from the console's overview sheet; wallboard.css
// enlarges them for the wall and comes after it.
import '../console/overview/overview.css';
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
