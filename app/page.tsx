export default function Page() {
  return <main>Meridian</main>;
}
