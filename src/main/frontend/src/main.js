// The demo page: a Tiptap editor bound to a Yjs document that @hocuspocus/provider keeps in sync
// with the server, plus the other users' carets and names through awareness.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import * as Y from 'yjs';

import { documentNameFromUrl, urlForDocument, websocketUrl } from './location.js';
import { isColour, loadIdentity, saveIdentity } from './identity.js';
import { renderUsers } from './presence.js';
import { createStatusView } from './status.js';

const $ = (id) => document.getElementById(id);

const endpoint = websocketUrl();
const identity = loadIdentity();
const status = createStatusView($('status'), $('status-text'));
let session = null;

/** One open document: its Yjs doc, its provider and the editor bound to them. */
function openDocument(name) {
  const ydoc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: endpoint,
    name,
    document: ydoc,
    // keep retrying, but never wait more than a few seconds once the server is back
    maxDelay: 4000,
    onStatus: ({ status: s }) => status.connection(s),
    onSynced: ({ state }) => status.synced(state),
    onUnsyncedChanges: ({ number }) => status.unsyncedChanges(number),
    onAuthenticationFailed: ({ reason }) => status.denied(reason),
    onAwarenessChange: () => renderUsers($('users'), provider.awareness),
  });
  const editor = new Editor({
    element: $('editor'),
    extensions: [
      // Yjs keeps the history per user; ProseMirror's own undo would fight it
      StarterKit.configure({ undoRedo: false }),
      Collaboration.configure({ document: ydoc }),
      CollaborationCaret.configure({ provider, user: { ...identity } }),
    ],
    editorProps: { attributes: { 'aria-label': `Document ${name}`, spellcheck: 'false' } },
  });
  editor.on('transaction', updateToolbar);
  renderUsers($('users'), provider.awareness);
  return { name, ydoc, provider, editor };
}

function closeDocument(current) {
  current.editor.destroy();
  current.provider.destroy();
  current.ydoc.destroy();
}

function show(name) {
  if (session && session.name === name) return;
  if (session) closeDocument(session);
  status.connection('connecting');
  status.unsyncedChanges(0);
  session = openDocument(name);
  $('doc-name').value = name;
  const link = urlForDocument(name);
  $('share-link').href = link;
  $('share-link').textContent = link;
  document.title = `${name} · y-jakarta`;
}

function updateToolbar() {
  if (!session) return;
  const { editor } = session;
  for (const button of document.querySelectorAll('.toolbar button')) {
    button.classList.toggle('active', editor.isActive(button.dataset.command));
  }
}

function runToolbarCommand(command) {
  const chain = session.editor.chain().focus();
  switch (command) {
    case 'bold': chain.toggleBold().run(); break;
    case 'italic': chain.toggleItalic().run(); break;
    case 'heading': chain.toggleHeading({ level: 2 }).run(); break;
    case 'bulletList': chain.toggleBulletList().run(); break;
    case 'codeBlock': chain.toggleCodeBlock().run(); break;
    default: break;
  }
}

function updateIdentity() {
  const name = $('user-name').value.trim();
  const color = $('user-color').value;
  if (!name || !isColour(color)) return;
  identity.name = name;
  identity.color = color;
  saveIdentity(identity);
  session.editor.commands.updateUser({ ...identity });
  renderUsers($('users'), session.provider.awareness);
}

$('endpoint').textContent = endpoint;
$('user-name').value = identity.name;
$('user-color').value = identity.color;
saveIdentity(identity);

$('doc-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('doc-name').value.trim();
  if (!name) return;
  window.history.pushState(null, '', urlForDocument(name));
  show(name);
});
window.addEventListener('popstate', () => show(documentNameFromUrl()));
window.addEventListener('hashchange', () => show(documentNameFromUrl()));
$('user-name').addEventListener('change', updateIdentity);
$('user-color').addEventListener('input', updateIdentity);
document.querySelector('.toolbar').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-command]');
  if (button && session) runToolbarCommand(button.dataset.command);
});

show(documentNameFromUrl());
