import { useTranslation } from 'react-i18next';

/** A table's header row; `actions` adds a last column of row buttons, named for screen readers. */
export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">{t('clerk.actionsHeading')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
