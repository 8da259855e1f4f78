import { throughput } from './benchmark';

describe('throughput figures', () => {
  it('keeps two significant digits for slow backends, so 64 images in 278 s is 0.23 images/s, not 0', () => {
    expect(throughput(64 / 277.8)).toBe(0.23);
    expect(throughput(640 / 46)).toBe(14);
  });

  it('rounds to whole images per second from 100 up', () => {
    expect(throughput(12800 / 1.6078)).toBe(7961);
    expect(throughput(100.4)).toBe(100);
  });
});
