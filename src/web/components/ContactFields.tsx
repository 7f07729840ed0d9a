import { Form, Input } from 'antd';

/**
 * 联系人 · 联系电话 · 地址: the contact fields of the forms that record who to reach (units, supporters, pairings,
 * a family's request). Name the form fields the form has; a field left unnamed is not shown. All are optional:
 * submit them through `blankToNull`.
 */
export function ContactFields({ name, phone, address }: { name?: string; phone: string; address?: string }) {
  return (
    <>
      {name && (
        <Form.Item name={name} label="联系人">
          <Input maxLength={64} />
        </Form.Item>
      )}
      <Form.Item name={phone} label="联系电话">
        <Input maxLength={32} inputMode="tel" />
      </Form.Item>
      {address && (
        <Form.Item name={address} label="地址">
          <Input maxLength={200} />
        </Form.Item>
      )}
    </>
  );
}
