// A demo province in the shape of the real registry: Bắc Giang (code 24) with the communes named in the seed
// articles and their neighbours. Codes follow the national list's style (5-digit commune codes); they are
// demo data, not an authoritative copy of the list.
export const PROVINCE = { code: '24', name: 'Tỉnh Bắc Giang', level: 'PROVINCE', parentCode: null };

export const DISTRICTS = [
  { code: '213', name: 'Thành phố Bắc Giang', level: 'DISTRICT', parentCode: '24' },
  { code: '218', name: 'Huyện Lục Nam', level: 'DISTRICT', parentCode: '24' },
  { code: '219', name: 'Huyện Lạng Giang', level: 'DISTRICT', parentCode: '24' },
];

export const COMMUNES = [
  { code: '07210', name: 'Phường Lê Lợi', parentCode: '213' },
  { code: '07213', name: 'Phường Trần Phú', parentCode: '213' },
  { code: '07216', name: 'Phường Ngô Quyền', parentCode: '213' },
  { code: '07219', name: 'Phường Hoàng Văn Thụ', parentCode: '213' },
  { code: '07222', name: 'Xã Song Khê', parentCode: '213' },
  { code: '07480', name: 'Thị trấn Đồi Ngô', parentCode: '218' },
  { code: '07483', name: 'Xã Tam Dị', parentCode: '218' },
  { code: '07486', name: 'Xã Bảo Đài', parentCode: '218' },
  { code: '07489', name: 'Xã Chu Điện', parentCode: '218' },
  { code: '07540', name: 'Thị trấn Vôi', parentCode: '219' },
  { code: '07543', name: 'Xã Tân Thịnh', parentCode: '219' },
  { code: '07546', name: 'Xã Quang Thịnh', parentCode: '219' },
].map((c) => ({ ...c, level: 'COMMUNE' }));

export const ALL_UNITS = [PROVINCE, ...DISTRICTS, ...COMMUNES];
