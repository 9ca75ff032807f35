import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth-card';
import { pageSession } from '@/server/page-session';
import { services } from '@/server/services';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await services().auth.isSetupOpen()) redirect('/setup');
  const { next } = await searchParams;
  // Only local paths: never bounce a user to another site after sign-in.
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/databases';
  if (await pageSession()) redirect(target);
  return (
    <AuthCard title="Sign in" subtitle="Use the email and password your Connect owner gave you.">
      <SignInForm next={target} />
    </AuthCard>
  );
}
