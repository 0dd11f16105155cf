// The local user's name and colour for presence. Kept in localStorage so a reload keeps them.

const STORAGE_KEY = 'y-jakarta.demo.user';

// CollaborationCaret only accepts #rrggbb colours.
const PALETTE = ['#2f6fde', '#d9480f', '#2b8a3e', '#ae3ec9', '#c2255c', '#0c8599', '#e67700', '#5f3dc4'];
const ANIMALS = ['Otter', 'Heron', 'Lynx', 'Badger', 'Falcon', 'Marten', 'Ibex', 'Puffin'];

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

export function isColour(value) {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

export function loadIdentity() {
  try {
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || 'null');
    if (saved && typeof saved.name === 'string' && saved.name.trim() && isColour(saved.color)) {
      return { name: saved.name.trim(), color: saved.color };
    }
  } catch {
    // unreadable or blocked storage: make up a new identity
  }
  return { name: `${pick(ANIMALS)} ${Math.floor(100 + Math.random() * 900)}`, color: pick(PALETTE) };
}

export function saveIdentity(identity) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // storage blocked: the identity lasts for this page only
  }
}
