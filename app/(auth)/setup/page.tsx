import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { needsSetup } from "@/server/auth/users";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // Setup exists only until the first account does.
  if (!(await needsSetup())) redirect("/login");
  return (
    <AuthCard title="Create the owner account" intro="This deployment has no accounts yet. The owner can manage everything, including admins.">
      <SetupForm />
    </AuthCard>
  );
}
