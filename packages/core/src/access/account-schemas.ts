import { z } from 'zod';
import { roles } from './roles';

export const minPasswordLength = 10;

export const passwordSchema = z
  .string()
  .min(minPasswordLength, `Use at least ${minPasswordLength} characters`)
  .max(256, 'Use at most 256 characters');

export const emailSchema = z.string().trim().toLowerCase().email('Enter a valid email address');

export const displayNameSchema = z.string().trim().min(1, 'Enter a name').max(120);

/** First-run setup: the owner account. */
export const setupOwnerSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SetupOwnerInput = z.infer<typeof setupOwnerSchema>;

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email').max(320),
  // Not the full policy: a sign-in must not reveal the policy or reject old passwords.
  password: z.string().min(1, 'Enter your password').max(1024),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const addUserSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  role: z.enum(roles),
  /** The first password, which the owner passes on; the user changes it after signing in. */
  password: passwordSchema,
});
export type AddUserInput = z.infer<typeof addUserSchema>;

export const updateUserSchema = z
  .object({ role: z.enum(roles).optional(), active: z.boolean().optional() })
  .refine((value) => value.role !== undefined || value.active !== undefined, 'Nothing to change');
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password'), newPassword: passwordSchema })
  .refine((value) => value.currentPassword !== value.newPassword, {
    message: 'The new password must differ from the current one',
    path: ['newPassword'],
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
