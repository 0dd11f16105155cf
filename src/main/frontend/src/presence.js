// The list of people on the document, from the provider's awareness states.

export function renderUsers(container, awareness) {
  const chips = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = state && state.user;
    if (!user || typeof user.name !== 'string') return;
    const chip = document.createElement('span');
    chip.className = 'user';
    chip.style.backgroundColor = user.color;
    chip.dataset.clientId = String(clientId);
    chip.textContent = clientId === awareness.clientID ? `${user.name} (you)` : user.name;
    chips.push([clientId === awareness.clientID ? -1 : clientId, chip]);
  });
  chips.sort((a, b) => a[0] - b[0]);
  container.replaceChildren(...chips.map(([, chip]) => chip));
}
