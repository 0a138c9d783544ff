"use client";
import { createStaffSchema } from "@/lib/auth/schemas";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { ROLE_LABELS } from "@/lib/values/labels";
import { createStaffAction } from "./actions";

export function CreateStaffForm() {
  const { form, onSubmit, formError } = useActionForm(createStaffSchema, createStaffAction, {
    defaultValues: { role: "technician" },
    toast: (): string => `Account created for ${form.getValues("email")}. Share the password with them privately.`,
    onSuccess: () => {
      form.reset({ role: "technician", name: "", email: "", phone: "", password: "" });
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Add staff">
      <div className="sm:col-span-2">
        <FormMessage error={formError} />
      </div>
      <TextField label="Full name" id="staff-name" error={e.name?.message} {...register("name")} />
      <TextField label="Email" id="staff-email" type="email" error={e.email?.message} {...register("email")} />
      <TextField label="Phone (optional)" id="staff-phone" type="tel" error={e.phone?.message} {...register("phone")} />
      <SelectField label="Role" id="staff-role" error={e.role?.message} {...register("role")}>
        <option value="technician">{ROLE_LABELS.technician}</option>
        <option value="admin">{ROLE_LABELS.admin}</option>
      </SelectField>
      <TextField
        label="Initial password"
        id="staff-password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. They can change it later."
        error={e.password?.message}
        {...register("password")}
      />
      <div className="flex items-end">
        <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Adding…" : "Add person"}
        </button>
      </div>
    </form>
  );
}
