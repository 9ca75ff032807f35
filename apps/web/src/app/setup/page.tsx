import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth-card';
import { services } from '@/server/services';
import { SetupForm } from './setup-form';

export const metadata: Metadata = { title: 'Set up Connect' };

export default async function SetupPage() {
  // Closed for good once an owner exists.
  if (!(await services().auth.isSetupOpen())) redirect('/sign-in');
  return (
    <AuthCard
      title="Welcome to Connect"
      subtitle="Create the owner account. The owner manages users and settings; you can add teammates afterwards."
    >
      <SetupForm />
    </AuthCard>
  );
}
