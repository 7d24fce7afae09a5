// The running Meridian version (package.json), bundled so Next's server code and the CLI agree.
import packageJson from "../package.json";

export const VERSION: string = packageJson.version;
