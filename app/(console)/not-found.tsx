import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing lives at this address. The link may be mistyped, or what it pointed at was removed.</p>
      <Link href="/" prefetch={false} className="mt-6 inline-block text-sm font-medium text-indigo-700 underline dark:text-indigo-400">
        Back to the console
      </Link>
    </div>
  );
}
