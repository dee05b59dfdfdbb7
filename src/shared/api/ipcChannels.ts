export const IPC_INVOKE_CHANNEL = 'bureau:invoke';
export const IPC_EVENT_CHANNEL = 'bureau:event';
