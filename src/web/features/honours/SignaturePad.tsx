import { Button, Flex } from 'antd';
import { useEffect, useRef } from 'react';

/** A family member signs with a finger or the mouse; the value is a PNG data URL (null while empty). */
export function SignaturePad({ value, onChange }: { value?: string | null; onChange?: (png: string | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  useEffect(() => {
    if (!value && canvas.current) {
      const c = canvas.current;
      c.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    }
  }, [value]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) * e.currentTarget.width) / rect.width,
      y: ((e.clientY - rect.top) * e.currentTarget.height) / rect.height,
    };
  };

  return (
    <Flex vertical gap={4}>
      <canvas
        ref={canvas}
        width={480}
        height={160}
        aria-label="家属签字区"
        style={{
          width: '100%',
          maxWidth: 480,
          height: 160,
          border: '1px dashed #bbb',
          borderRadius: 6,
          touchAction: 'none',
        }}
        onPointerDown={(e) => {
          const ctx = e.currentTarget.getContext('2d');
          if (!ctx) return;
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = point(e);
          ctx.lineWidth = 2.5;
          ctx.lineCap = 'round';
          ctx.strokeStyle = '#111';
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d');
          const p = point(e);
          ctx?.lineTo(p.x, p.y);
          ctx?.stroke();
        }}
        onPointerUp={(e) => {
          drawing.current = false;
          onChange?.(e.currentTarget.toDataURL('image/png'));
        }}
      />
      <div>
        <Button size="small" onClick={() => onChange?.(null)}>
          清除签字
        </Button>
      </div>
    </Flex>
  );
}
