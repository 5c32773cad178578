import { describe, expect, it } from 'vitest';
import { DomainError, fromZodIssues } from '../errors.ts';
import { customerDraftSchema } from '../customers/customer.ts';
import { pickLocale, renderErrorMessage, renderIssueMessage } from './messages.ts';

describe('error messages', () => {
  it('names the field in both languages', () => {
    const issue = { path: ['contacts', 1, 'mobile'], code: 'bad_mobile' };
    expect(renderIssueMessage(issue, 'zh-CN')).toBe('联系人 2 手机号：不是有效的中国大陆手机号（11 位，以 1 开头）');
    expect(renderIssueMessage(issue, 'en')).toBe('Contacts › 2 › Mobile is not a valid mainland China mobile number (11 digits starting with 1)');
  });

  it('tells a missing field from a wrong type', () => {
    const r = customerDraftSchema.safeParse({ kind: 'individual', name: 5 }, { reportInput: true });
    const issues = fromZodIssues(r.error!.issues);
    expect(issues[0]).toMatchObject({ path: ['name'], code: 'invalid_type' });
    const missing = fromZodIssues(customerDraftSchema.safeParse({ kind: 'individual' }, { reportInput: true }).error!.issues);
    expect(missing[0]).toMatchObject({ path: ['name'], code: 'required' });
  });

  it('summarises several issues and inlines a single one', () => {
    const many = new DomainError('INVALID_INPUT', 'invalid_input', [{ path: ['name'], code: 'required' }, { path: ['email'], code: 'bad_email' }]);
    expect(renderErrorMessage(many, 'en')).toBe('Invalid input: 2 problem(s)');
    const one = new DomainError('INVALID_INPUT', 'invalid_input', [{ path: ['email'], code: 'bad_email' }]);
    expect(renderErrorMessage(one, 'zh-CN')).toBe('电子邮箱：不是有效的电子邮箱地址');
  });

  it('picks English only when asked', () => {
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
  });
});
