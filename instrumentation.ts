export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so that requests arriving while the database opens already carry their socket address.
    const { recordPeerAddresses } = await import("./server/peer-address");
    recordPeerAddresses();
    const { startServer } = await import("./server/startup");
    await startServer();
  }
}
