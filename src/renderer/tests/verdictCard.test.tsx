// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../shared/api/certificateTypes';
import { renderWithProviders } from './dom';

const { VerdictCard } = await import('../src/certificates/VerdictCard');

const facts = {
  number: 'CIE-2026-LOM-000001',
  procedureCode: 'COM-IMPEX',
  holder: 'Ets Kpodar & Frères',
  keyFacts: { NIF: '1000234567' },
  issuedOn: '2026-11-23',
  expiresOn: '2027-11-22',
  officeCode: 'LOM',
  keyId: 'LOM-0a1b2c3d',
};

const result = (patch: Partial<VerificationResult>): VerificationResult => ({
  verdict: 'authentic',
  message: 'Authentique : la signature du bureau LOM est valide.',
  facts,
  revokedAt: null,
  revocationReason: null,
  ...patch,
});

describe('the verdict of « Vérifier un certificat »', () => {
  it('names a training certificate « Spécimen — formation », never « Authentique »', () => {
    renderWithProviders(
      <VerdictCard
        result={result({
          verdict: 'specimen',
          message:
            'Certificat de formation (SPÉCIMEN) : sans valeur officielle. Délivré en « Mode formation ».',
          facts: { ...facts, training: true },
        })}
        source="certificat.pdf"
      />,
      new QueryClient(),
    );
    expect(screen.getByTestId('verdict').getAttribute('data-verdict')).toBe('specimen');
    expect(screen.getByTestId('verdict-title').textContent).toBe('Spécimen — formation');
    expect(screen.getByTestId('verdict-message').textContent).toMatch(
      /^Certificat de formation \(SPÉCIMEN\) : sans valeur officielle/,
    );
    expect(screen.getByTestId('verdict-specimen').textContent).toContain('SPÉCIMEN — FORMATION');
    expect(screen.queryByText('Authentique')).toBeNull();
  });

  it('shows no training mark on a real certificate', () => {
    renderWithProviders(
      <VerdictCard result={result({})} source="certificat.pdf" />,
      new QueryClient(),
    );
    expect(screen.getByTestId('verdict-title').textContent).toBe('Authentique');
    expect(screen.queryByTestId('verdict-specimen')).toBeNull();
  });
});
