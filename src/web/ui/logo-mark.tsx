import { ContainerFilled } from '@ant-design/icons';

/** The app mark: a filed archive in a rounded square. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-grid',
        placeItems: 'center',
        width: size,
        height: size,
        borderRadius: size / 4,
        background: 'linear-gradient(135deg, #3b82f6 0%, #1d4ed8 100%)',
        color: '#fff',
        fontSize: size * 0.55,
        boxShadow: '0 2px 6px rgba(29, 78, 216, 0.35)',
        flex: 'none',
      }}
    >
      <ContainerFilled />
    </span>
  );
}
