#!/usr/bin/env node
// Package bin `cce-sim`: runs sim/cli.ts through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
await import('../cli.ts');
