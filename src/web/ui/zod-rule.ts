import type { FormRule } from 'antd';
import type { z } from 'zod';
import { fromZodIssues } from '../../domain/errors.ts';
import { renderIssueMessage, type Locale } from '../../domain/i18n/messages.ts';

/** An antd rule that runs a domain schema in the browser (on blur), worded like the server would. */
export function zodRule(schema: z.ZodType, lang: Locale): FormRule {
  return {
    validateTrigger: 'onBlur',
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (result.success) return;
      const issue = fromZodIssues(result.error.issues)[0];
      if (issue) throw new Error(renderIssueMessage({ path: [], code: issue.code, ...(issue.params ? { params: issue.params } : {}) }, lang));
    },
  };
}
