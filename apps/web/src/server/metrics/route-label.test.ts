import { describe, expect, it } from 'vitest';
import { routeLabel } from './route-label';

describe('routeLabel', () => {
  it('folds ids into one label so every run shares a time series', () => {
    expect(routeLabel('/api/runs/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f/pause')).toBe('/api/runs/:id/pause');
    expect(routeLabel('/api/campaigns/42/runs')).toBe('/api/campaigns/:id/runs');
    expect(routeLabel('/api/things/65a1f0c2e4b0a1b2c3d4e5f6')).toBe('/api/things/:id');
  });

  it('keeps named segments', () => {
    expect(routeLabel('/api/health')).toBe('/api/health');
    expect(routeLabel('/api/auth/sign-in')).toBe('/api/auth/sign-in');
  });
});
