-- The one settings row; its columns carry the defaults.
insert into settings (id) values (1) on conflict do nothing;
