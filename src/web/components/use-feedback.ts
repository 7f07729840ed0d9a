import { App } from 'antd';
import { errorText } from '../api/client.ts';

/** antd's message / modal bound to the app's locale and theme, plus `error(e)` that shows an ApiError in Chinese. */
export function useFeedback() {
  const { message, modal, notification } = App.useApp();
  return {
    message,
    modal,
    notification,
    error: (error: unknown) => {
      message.error(errorText(error), 6);
    },
    success: (text: string) => {
      message.success(text);
    },
  };
}
