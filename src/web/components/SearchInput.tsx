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

/**
 * The search text and page of a list kept in the page (not the URL), with the SearchInput handlers: a new search,
 * or clearing it, goes back to page 1.
 */
export function usePagedSearch() {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const onSearch = (text: string) => {
    setSearch(text);
    setPage(1);
  };
  return { search, page, setPage, searchProps: { onSearch, onClear: () => onSearch('') } };
}
