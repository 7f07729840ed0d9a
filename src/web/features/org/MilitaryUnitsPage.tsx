import { UnitsPage } from './UnitsPage.tsx';

/** 驻区部队 (拥军): the military units; 番号 and contacts only for cleared roles, others see the alias. */
export function MilitaryUnitsPage() {
  return (
    <UnitsPage
      fixedKind="military"
      title="驻区部队"
      subTitle="驻区部队名录。部队番号和联系方式属保密信息，仅授权角色可见，其他人员看到的是代称（如“某部”）。"
    />
  );
}
