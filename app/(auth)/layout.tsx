export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="px-4 py-8">
      {children}
    </main>
  );
}
