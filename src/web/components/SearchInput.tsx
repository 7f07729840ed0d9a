import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useState } from 'react';
import { useIsMobile } from './responsive.ts';

/**
 * A list's search box: it searches when Enter is pressed and clears the search as soon as it is emptied,
 * so typing does not reload the list at every key. Full width on a phone.
 */
export function SearchInput({
  placeholder,
  width,
  initial = '',
  onSearch,
  onClear,
}: {
  placeholder: string;
  width: number;
  initial?: string;
  onSearch: (text: string) => void;
  onClear: () => void;
}) {
  const isMobile = useIsMobile();
  const [q, setQ] = useState(initial);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      value={q}
      onChange={(e) => {
        setQ(e.target.value);
        if (!e.target.value) onClear();
      }}
      onPressEnter={() => onSearch(q.trim())}
      style={{ width: isMobile ? '100%' : width }}
    />
  );
}
