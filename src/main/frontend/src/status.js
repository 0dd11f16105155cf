// The connection and sync indicator. data-connection / data-sync carry the machine-readable state
// (the browser test reads them); the text is for people.

export function createStatusView(element, textElement) {
  let connection = 'connecting';
  let synced = false;
  let unsynced = 0;
  let denied = null;

  function render() {
    const sync = synced && unsynced === 0 ? 'synced' : 'syncing';
    element.dataset.connection = connection;
    element.dataset.sync = sync;
    let text;
    if (denied !== null) {
      element.dataset.connection = 'denied';
      text = `Access denied${denied ? `: ${denied}` : ''}`;
    } else if (connection === 'connected') {
      if (!synced) text = 'Connected · syncing…';
      else if (unsynced > 0) text = `Connected · sending ${unsynced} change${unsynced === 1 ? '' : 's'}…`;
      else text = 'Connected · synced';
    } else if (connection === 'connecting') {
      text = 'Connecting…';
    } else {
      text = unsynced > 0 ? `Offline · ${unsynced} unsent change${unsynced === 1 ? '' : 's'} · retrying` : 'Offline · retrying';
    }
    textElement.textContent = text;
  }

  render();
  return {
    connection(status) {
      connection = status;
      if (status === 'connecting') denied = null;
      if (status !== 'connected') synced = false;
      render();
    },
    synced(state) {
      synced = state;
      render();
    },
    /** The server refused this document (onAuthenticationFailed); shown until a new connection. */
    denied(reason) {
      denied = reason || '';
      render();
    },
    unsyncedChanges(count) {
      unsynced = count;
      render();
    },
  };
}
