import { signOutAction } from "@/app/(auth)/actions";

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="btn-secondary">
        Sign out
      </button>
    </form>
  );
}
