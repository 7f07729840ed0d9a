import { Button, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * A signature drawn with a finger or a pen on a canvas; `onChange` gets a PNG data URL (white background, so it
 * prints) or null when cleared. The canvas is drawn at 1.5× at most to keep the PNG small.
 */
export function SignaturePad({ onChange, height = 180 }: { onChange: (png: string | null) => void; height?: number }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);

  const reset = () => {
    const c = canvas.current;
    if (!c) return;
    const scale = Math.min(window.devicePixelRatio || 1, 1.5);
    c.width = Math.floor(c.clientWidth * scale);
    c.height = Math.floor(height * scale);
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(scale, 0, 0, scale, 0, 0);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, c.width, c.height);
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#111';
    setEmpty(true);
    onChange(null);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: set the canvas up once
  useEffect(reset, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    last.current = point(e);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || !last.current) return;
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    const p = point(e);
    g.beginPath();
    g.moveTo(last.current.x, last.current.y);
    g.lineTo(p.x, p.y);
    g.stroke();
    last.current = p;
    if (empty) setEmpty(false);
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    last.current = null;
    if (!empty && canvas.current) onChange(canvas.current.toDataURL('image/png'));
  };

  return (
    <div>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        aria-label="签名区：请签收人用手指在此签名"
        style={{
          width: '100%',
          height,
          border: '1px dashed #bbb',
          borderRadius: 6,
          touchAction: 'none',
          background: '#fff',
        }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
      />
      <Space style={{ marginTop: 4 }}>
        <Button size="small" onClick={reset}>
          清除重签
        </Button>
        <span style={{ opacity: 0.6, fontSize: 12 }}>{empty ? '请签收人在框内签名' : '已签名'}</span>
      </Space>
    </div>
  );
}

/** A photo from the camera, shrunk to a JPEG data URL under the server's limit. */
export async function photoDataUrl(file: File, maxChars = 580_000): Promise<string> {
  const bitmap = await createImageBitmap(file);
  let size = 1280;
  for (let attempt = 0; attempt < 6; attempt++) {
    const scale = Math.min(1, size / Math.max(bitmap.width, bitmap.height));
    const c = document.createElement('canvas');
    c.width = Math.round(bitmap.width * scale);
    c.height = Math.round(bitmap.height * scale);
    c.getContext('2d')?.drawImage(bitmap, 0, 0, c.width, c.height);
    const url = c.toDataURL('image/jpeg', 0.7);
    if (url.length <= maxChars) return url;
    size = Math.round(size * 0.75);
  }
  throw new Error('照片过大，请重新拍摄');
}
