import { notFound } from "next/navigation";

// Any path no page claims ends here, so its 404 renders inside the console (header, a way back)
// and per request, with the nonce the Content-Security-Policy asks its scripts to carry.
export default function MissingPage() {
  notFound();
}
