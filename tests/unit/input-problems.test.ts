import { describe, expect, test } from 'vitest';
import { joinSchema } from '#api/contests/contract.ts';
import { hazardCodeSchema, levelCodeSchema } from '#api/domain/hazards.ts';
import { problemsOf } from '#api/input-problems.ts';

const goodJoin = { name: '陈同学', team: '三（1）班', deviceToken: 'device-token-0123456789' };

describe('problemsOf', () => {
  test('leads with the Chinese message a resident can act on, never the field’s programming name', () => {
    const result = joinSchema.safeParse({ ...goodJoin, deviceToken: 'x' });
    expect(result.success).toBe(false);
    const { message, fields } = problemsOf(result.error!);
    expect(message).toBe('设备标识不正确，请刷新页面后重试');
    // The machine-readable name stays where clients look it up, beside the message.
    expect(fields).toEqual({ deviceToken: '设备标识不正确，请刷新页面后重试' });
  });

  test('gives the first field’s message and keeps one message per field by its dotted path', () => {
    const result = joinSchema.safeParse({ ...goodJoin, name: ' ', team: 'x'.repeat(31) });
    const { message, fields } = problemsOf(result.error!);
    expect(message).toBe('请填写姓名');
    expect(Object.keys(fields)).toEqual(['name', 'team']);
    expect(message).not.toMatch(/[a-z]/i);
  });

  test('words zod’s own messages in Chinese wherever a contract is imported', () => {
    const result = joinSchema.safeParse({ ...goodJoin, name: 5 });
    const { message, fields } = problemsOf(result.error!);
    expect(message).toMatch(/^[\u4e00-\u9fff]/);
    expect(message).not.toContain('name');
    expect(fields['name']).toBe(message);
  });

  test('a hazard or level not chosen asks for one; a code of none says it is unknown', () => {
    const message = (schema: typeof hazardCodeSchema | typeof levelCodeSchema, value: unknown) =>
      problemsOf(schema.safeParse(value).error!).message;
    for (const none of [undefined, '']) {
      expect(message(hazardCodeSchema, none)).toBe('请选择灾种');
      expect(message(levelCodeSchema, none)).toBe('请选择预警级别');
    }
    expect(message(hazardCodeSchema, 'tsunami-ish')).toBe('未知的灾种类型');
    expect(message(levelCodeSchema, 'purple')).toBe('预警级别应为蓝、黄、橙、红之一');
  });
});
