/**
 * Ribbon commands (FunctionFile). The Home tab button opens the task pane (ShowTaskpane in the
 * manifest), so no function commands are registered yet; Office still loads this page, and it
 * must call Office.onReady.
 */
Office.onReady(() => {
  // Nothing to register: every action lives in the task pane.
});
