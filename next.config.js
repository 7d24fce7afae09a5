/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Prisma's generated client and pg stay outside the bundle: they load native/wasm parts at run time.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "prom-client"],
  typescript: { ignoreBuildErrors: false },
  // forbidden() renders app/forbidden.tsx with a 403 for pages the caller's role may not see.
  experimental: { authInterrupts: true },
};

export default nextConfig;
