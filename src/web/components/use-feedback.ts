import { App } from 'antd';
import { useMemo } from 'react';
import { errorText } from '../api/client.ts';

/**
 * antd's message / modal bound to the app's locale and theme, plus `error(e)` that shows an ApiError in Chinese.
 * The same object from render to render, so callbacks and effects that use it do not run again on every render.
 */
export function useFeedback() {
  const { message, modal, notification } = App.useApp();
  return useMemo(
    () => ({
      message,
      modal,
      notification,
      error: (error: unknown) => {
        message.error(errorText(error), 6);
      },
      success: (text: string) => {
        message.success(text);
      },
    }),
    [message, modal, notification],
  );
}
