import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { currentIdentity } from "@/server/auth/page";
import { needsSetup } from "@/server/auth/users";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; setup?: string }> }) {
  if (await needsSetup()) redirect("/setup");
  if (await currentIdentity()) redirect("/");
  const { next, setup } = await searchParams;
  // Only same-site paths: never an open redirect to another origin.
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return (
    <AuthCard title="Sign in to Meridian">
      <LoginForm next={target} notice={setup === "done" ? "The owner account is ready. Sign in with it." : undefined} />
    </AuthCard>
  );
}
