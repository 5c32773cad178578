import { zhCN, type MessageKey } from './zh-cn.ts';

/** For keys built from data (an audit action, a role): is there a text for it? */
export const isMessageKey = (k: string): k is MessageKey => k in zhCN;
