import './field.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FieldApp } from './FieldApp';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
