import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App.tsx";
import { AuthGate } from "./auth/AuthGate.tsx";

// Real paths (/leads/…/show) instead of react-admin's default hash router: the API serves index.html
// for any non-API path, so deep links and reloads work.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <AuthGate>
        <App />
      </AuthGate>
    </BrowserRouter>
  </StrictMode>,
);
