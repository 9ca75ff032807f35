import type { Metadata } from 'next';
import { ChangePasswordForm } from './change-password-form';

export const metadata: Metadata = { title: 'Your account' };

export default function AccountPage() {
  return <ChangePasswordForm />;
}
