// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../shared/api/certificateTypes';
import { renderWithProviders } from './dom';

const { VerdictCard } = await import('../src/certificates/VerdictCard');

const result = (number: string): VerificationResult => ({
  verdict: 'authentic',
  message: 'Authentique.',
  facts: {
    number,
    procedureCode: 'COM-IMPEX',
    holder: 'Ets Kpodar & Frères',
    keyFacts: { Courrier: 'Notification de rejet' },
    issuedOn: '2026-11-23',
    expiresOn: null,
    officeCode: 'LOM',
    keyId: 'LOM-0a1b2c3d',
  },
  revokedAt: null,
  revocationReason: null,
});

describe('« Vérifier un certificat » reading a decision letter’s QR code (issue 20 §1)', () => {
  it('names the addressee and the day of the letter, and states no validity', () => {
    renderWithProviders(
      <VerdictCard result={result('LR-LOM-2026-000012')} source="courrier.pdf" />,
      new QueryClient(),
    );
    const text = document.body.textContent ?? '';
    expect(text).toContain('Destinataire');
    expect(text).toContain('Émis le');
    expect(text).toContain('Notification de rejet');
    expect(text).not.toContain('Titulaire');
    expect(text).not.toContain('Valable jusqu’au');
  });

  it('still says holder and validity for a certificate', () => {
    renderWithProviders(
      <VerdictCard result={result('CIE-2026-LOM-000001')} source="certificat.pdf" />,
      new QueryClient(),
    );
    const text = document.body.textContent ?? '';
    expect(text).toContain('Titulaire');
    expect(text).toContain('Valable jusqu’au');
    expect(text).not.toContain('Destinataire');
  });
});
