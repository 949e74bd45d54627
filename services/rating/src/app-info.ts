export const RATING_APP = {
  title: 'Rating service',
  description:
    'Administrative unit registry, friendly-government scorecards (Chính quyền thân thiện), star levels and officer ratings.',
};
export const RATING_DEFAULT_PORT = 3004;
