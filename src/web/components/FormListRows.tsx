/** A Form.List as rows of inputs, each with its remove button, and a dashed button that adds a row. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormListFieldData } from 'antd';
import { Button, Form, Space } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export function FormListRows({
  name,
  addText,
  removeLabel,
  newRow,
  rowStyle,
  align,
  children,
}: {
  name: string;
  addText: string;
  /** The remove button's accessible name. */
  removeLabel: string;
  newRow: () => object;
  rowStyle?: CSSProperties;
  align?: 'start' | 'baseline';
  /** The inputs of one row (Form.Items with `noStyle`), given its field and its place in the list. */
  children: (field: FormListFieldData, index: number) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Space key={field.key} wrap align={align} style={{ display: 'flex', ...rowStyle }}>
              {children(field, index)}
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={removeLabel}
                onClick={() => remove(field.name)}
              />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} style={rowStyle} onClick={() => add(newRow())}>
            {addText}
          </Button>
        </>
      )}
    </Form.List>
  );
}
