/** A one-line progress display for long CLI work: `导入人员 12,000/100,000 (12%)`, redrawn in place on a TTY. */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (done < total && now - last < 200) return;
      last = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const text = `${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${pct}%)`;
      if (stream.isTTY) stream.write(`\r${text}\u001b[K`);
      else if (done === total || pct % 10 === 0) stream.write(`${text}\n`);
    },
    done(message?: string) {
      if (stream.isTTY) stream.write('\r\u001b[K');
      if (message) stream.write(`${message}\n`);
    },
  };
}
