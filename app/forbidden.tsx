import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">It is for admins. Ask an admin or the owner if you need it.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline dark:text-indigo-400">
        Back to the overview
      </Link>
    </main>
  );
}
