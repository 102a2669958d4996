/**
 * The add-in's mark: a tracker grid with red, amber and green status cells (as the ribbon icons).
 */

export function AppIcon({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="4" fill="#1F4E79" />
      <rect x="5" y="6" width="14" height="4" rx="1" fill="#FFFFFF" />
      <rect x="5" y="14" width="14" height="4" rx="1" fill="#FFFFFF" />
      <rect x="5" y="22" width="14" height="4" rx="1" fill="#FFFFFF" />
      <circle cx="24.5" cy="8" r="3" fill="#C00000" />
      <circle cx="24.5" cy="16" r="3" fill="#FFC000" />
      <circle cx="24.5" cy="24" r="3" fill="#00B050" />
    </svg>
  );
}
